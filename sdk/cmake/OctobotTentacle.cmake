# octobot_add_tentacle(<target> SOURCES <src>... [FOLDER <dir>] [OUTPUT_ROOT <dir>] [NO_INSTALL])
#
# Builds a tentacle library the way the host expects it:
#  - a MODULE library (made for dlopen) named lib<target>.so,
#  - every symbol hidden but ob_tentacle_entry (visibility preset + linker version script),
#  - -Wl,-z,defs so an unresolved symbol fails the build instead of the load,
#  - linked against the SDK headers only.
# FOLDER is the tentacle folder holding metadata.json and optionally config/ and resources/ (default:
# the current source dir). After each build the library, metadata.json, config/ and resources/ are
# laid out in <OUTPUT_ROOT>/<relative folder>, the tree the host scans. OUTPUT_ROOT defaults to
# OCTOBOT_TENTACLES_OUTPUT_DIR when set (in the OctoBot tree), else <build>/tentacles.
set(_OCTOBOT_TENTACLE_MAP "${CMAKE_CURRENT_LIST_DIR}/tentacle.map")

function(octobot_add_tentacle target)
  cmake_parse_arguments(ARG "NO_INSTALL" "FOLDER;OUTPUT_ROOT;RELATIVE_TO;DESTINATION" "SOURCES;LINK_LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "octobot_add_tentacle(${target}): SOURCES is required")
  endif()
  if(NOT ARG_FOLDER)
    set(ARG_FOLDER ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  if(NOT ARG_OUTPUT_ROOT)
    if(DEFINED OCTOBOT_TENTACLES_OUTPUT_DIR)
      set(ARG_OUTPUT_ROOT ${OCTOBOT_TENTACLES_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_ROOT ${CMAKE_BINARY_DIR}/tentacles)
    endif()
  endif()
  # DESTINATION: the folder's path inside the tentacles tree (e.g. Evaluator/TA/momentum_evaluator).
  if(NOT ARG_DESTINATION)
    get_filename_component(ARG_DESTINATION ${ARG_FOLDER} NAME)
  endif()
  set(out_dir ${ARG_OUTPUT_ROOT}/${ARG_DESTINATION})

  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE OctobotSDK::sdk ${ARG_LINK_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${out_dir}
    LINK_DEPENDS ${_OCTOBOT_TENTACLE_MAP})
  target_link_options(${target} PRIVATE "LINKER:--version-script=${_OCTOBOT_TENTACLE_MAP}" "LINKER:-z,defs")

  set(copy_commands COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ARG_FOLDER}/metadata.json ${out_dir}/metadata.json)
  foreach(sub config resources)
    if(IS_DIRECTORY ${ARG_FOLDER}/${sub})
      list(APPEND copy_commands COMMAND ${CMAKE_COMMAND} -E copy_directory ${ARG_FOLDER}/${sub} ${out_dir}/${sub})
    endif()
  endforeach()
  add_custom_command(TARGET ${target} POST_BUILD ${copy_commands} VERBATIM)

  if(NOT ARG_NO_INSTALL AND DEFINED OCTOBOT_SHARE_SUBDIR)
    set(install_dir ${OCTOBOT_SHARE_SUBDIR}/tentacles/${ARG_DESTINATION})
    install(TARGETS ${target} LIBRARY DESTINATION ${install_dir})
    install(FILES ${ARG_FOLDER}/metadata.json DESTINATION ${install_dir})
    foreach(sub config resources)
      if(IS_DIRECTORY ${ARG_FOLDER}/${sub})
        install(DIRECTORY ${ARG_FOLDER}/${sub} DESTINATION ${install_dir})
      endif()
    endforeach()
  endif()
endfunction()
