# The third-party workflow, end to end: install the SDK to a fresh prefix, build a tentacle out of
# tree against it, check what the library exports, then load and run it through the host.
# Arguments: -DBUILD_DIR -DSAMPLE_DIR -DWORK_DIR -DRUNNER -DPROBE
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --component sdk --prefix ${WORK_DIR}/prefix)
# Only the SDK is installed: no core header, no core library may leak into the package.
file(GLOB_RECURSE installed RELATIVE ${WORK_DIR}/prefix ${WORK_DIR}/prefix/*)
foreach(file ${installed})
  if(NOT file MATCHES "^(include/octobot/|lib[^/]*/cmake/OctobotSDK/)")
    message(FATAL_ERROR "the SDK component installed an unexpected file: ${file}")
  endif()
endforeach()

# A plain environment: the sample must not see any sanitizer or project flag of the main build.
run(${CMAKE_COMMAND} -E env --unset=CFLAGS --unset=CXXFLAGS --unset=LDFLAGS
    ${CMAKE_COMMAND} -S ${SAMPLE_DIR} -B ${WORK_DIR}/build -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)

set(library ${WORK_DIR}/build/tentacles/Evaluator/TA/third_party_momentum/libthird_party_momentum.so)
if(NOT EXISTS ${library})
  message(FATAL_ERROR "the out-of-tree build did not produce ${library}")
endif()
run(nm -D --defined-only ${library})
string(REGEX MATCHALL "[^\n]+" symbols "${last_output}")
foreach(line ${symbols})
  if(NOT line MATCHES " ob_tentacle_entry$")
    message(FATAL_ERROR "the tentacle exports more than its entry function: ${line}")
  endif()
endforeach()

run(${RUNNER} ${WORK_DIR}/build/tentacles ThirdPartyMomentumEvaluator ${PROBE})
if(NOT last_output MATCHES "loaded +third_party_momentum 1.0.0 \\[Third-Party-Tentacles\\]")
  message(FATAL_ERROR "the host did not report the tentacle loaded:\n${last_output}")
endif()
if(NOT last_output MATCHES "candle 5 note=")
  message(FATAL_ERROR "the tentacle produced no note once warmed up (period 5):\n${last_output}")
endif()
message(STATUS "out-of-tree tentacle loaded and ran:\n${last_output}")
