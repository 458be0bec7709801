# Every third-party dependency, found once, from Debian 12 packages. Targets that are header-only
# and heavy (Boost, RapidJSON) are linked PRIVATE by the few libraries that need them, so they never
# leak into widely included headers.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)                 # headers: DLL, Asio, Beast
find_package(fmt 9 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(LibArchive 3.6 REQUIRED)             # tentacle packages: .tar.gz / .zip, read and written

find_package(RapidJSON REQUIRED)
if(NOT TARGET octobot::rapidjson)
  add_library(octobot_rapidjson INTERFACE)
  add_library(octobot::rapidjson ALIAS octobot_rapidjson)
  target_include_directories(octobot_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
  # std::string overloads and a 64-bit safe size type.
  target_compile_definitions(octobot_rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)
endif()

if(OCTOBOT_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()
