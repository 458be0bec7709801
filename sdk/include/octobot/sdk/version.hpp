// Version of the SDK headers. The SDK's MAJOR.MINOR follow the tentacle ABI it implements
// (OB_ABI_MAJOR.OB_ABI_MINOR); PATCH counts fixes to the header-only C++ layer. A test checks that
// this string, abi.h and the CMake package version agree.
#pragma once

#define OCTOBOT_SDK_VERSION "1.6.0"
