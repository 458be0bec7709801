# tools/build_pgo.sh's CMake side, configured for real: each phase's flags reach the compile and link
# commands, bench_live (the training's bench) exists without the tests, and a bad phase is refused
# with a message saying what was expected. The two builds and the training themselves take ~15
# minutes on 2 cores, so they are run by hand (docs/building.md), not here.
#   cmake -DSOURCE_DIR=<project> -DWORK_DIR=<scratch folder> -P build_pgo_configure_test.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${WORK_DIR}")

function(configure phase out_rc out_log)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/${phase}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
            -DOCTOBOT_BUILD_TESTS=OFF -DOCTOBOT_USE_CCACHE=OFF "-DOCTOBOT_PGO=${phase}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${out_rc} "${rc}" PARENT_SCOPE)
  set(${out_log} "${out}${err}" PARENT_SCOPE)
endfunction()

function(expect_in file text)
  file(READ "${file}" content)
  string(FIND "${content}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected \"${text}\" in ${file}, found none")
  endif()
endfunction()

foreach(phase generate use)
  configure(${phase} rc log)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "OCTOBOT_PGO=${phase}: expected the project to configure, found exit code ${rc}:\n${log}")
  endif()
endforeach()
set(generate_ninja "${WORK_DIR}/generate/build.ninja")
set(use_ninja "${WORK_DIR}/use/build.ninja")
expect_in("${generate_ninja}" "-fprofile-generate -fprofile-update=atomic")
expect_in("${use_ninja}" "-fprofile-use -fprofile-partial-training -Wno-missing-profile")
# The link of the training's programs counts too (libgcov), and bench_live is there without the tests.
expect_in("${generate_ninja}" "build bin/octobot:")
expect_in("${generate_ninja}" "build bench/bench_live:")
file(STRINGS "${generate_ninja}" bench_link REGEX "LINK_FLAGS = .*-fprofile-generate")
if(NOT bench_link)
  message(FATAL_ERROR "expected -fprofile-generate in the link flags of ${generate_ninja}, found none")
endif()

configure(bogus rc log)
if(rc EQUAL 0)
  message(FATAL_ERROR "OCTOBOT_PGO=bogus: expected the configure to fail, found it succeeded")
endif()
string(FIND "${log}" "OCTOBOT_PGO: expected empty, \"generate\" or \"use\", found \"bogus\"" at)
if(at EQUAL -1)
  message(FATAL_ERROR "OCTOBOT_PGO=bogus: expected the message naming the phases, found:\n${log}")
endif()

execute_process(COMMAND bash -n "${SOURCE_DIR}/tools/build_pgo.sh" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tools/build_pgo.sh: expected valid bash, found:\n${err}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
