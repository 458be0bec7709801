// Version of the SDK headers. Generated values would need a configure step for out-of-tree users, so
// the version is kept here and checked against the CMake project version by a test.
#pragma once

#define OCTOBOT_SDK_VERSION "0.1.0"
