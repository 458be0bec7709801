// The translation unit that owns the precompiled Catch2 header every test program reuses
// (tests/CMakeLists.txt). It has nothing of its own: CMake needs a source to build the header with.
