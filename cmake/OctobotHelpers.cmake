# Small helpers so each CMakeLists.txt reads as a short list of targets (after abseil's helpers).

# Warnings shared by every first-party target.
add_library(octobot_warnings INTERFACE)
target_compile_options(octobot_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                            -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough>
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>)

# octobot_cc_library(NAME name SRCS ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# A static library octobot_<name> with alias octobot::<name>; public headers in include/.
function(octobot_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;PUBLIC_DEPS;PRIVATE_DEPS;DEFINES" ${ARGN})
  set(target octobot_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SRCS})
  add_library(octobot::${ARG_NAME} ALIAS ${target})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS} octobot_warnings)
  target_compile_definitions(${target} PRIVATE ${ARG_DEFINES})
endfunction()

# octobot_cc_test(NAME name SRCS ... DEPS ... [LABELS ...])
# A Catch2 test executable; every TEST_CASE becomes one CTest test.
function(octobot_cc_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;LABELS;DEFINES" ${ARGN})
  set(target test_${ARG_NAME})
  add_executable(${target} ${ARG_SRCS})
  target_link_libraries(${target} PRIVATE octobot_catch_main ${ARG_DEPS} octobot_warnings)
  target_compile_definitions(${target} PRIVATE ${ARG_DEFINES})
  # Catch2's single header is ~17k lines: parsing it once per build instead of once per test file
  # saves minutes of every clean build (CI builds twice, release and sanitizers). tests/CMakeLists.txt
  # owns the one precompiled copy.
  target_precompile_headers(${target} REUSE_FROM octobot_test_pch)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  catch_discover_tests(${target} TEST_PREFIX "${ARG_NAME}/" PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# octobot_bench(NAME name SRCS ... DEPS ...)
# A benchmark program: prints one JSON object per figure; never part of ctest.
function(octobot_bench)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  set(target bench_${ARG_NAME})
  add_executable(${target} ${ARG_SRCS})
  target_link_libraries(${target} PRIVATE octobot_bench_support ${ARG_DEPS} octobot_warnings)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endfunction()
