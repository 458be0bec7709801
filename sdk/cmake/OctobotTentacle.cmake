# octobot_add_tentacle(<target> SOURCES <src>... [FOLDER <dir>] [OUTPUT_ROOT <dir>] [NO_INSTALL])
#
# Builds a tentacle library the way the host expects it:
#  - a MODULE library (made for dlopen) named lib<target>.so,
#  - every symbol hidden but ob_tentacle_entry (visibility preset + linker version script),
#  - -Wl,-z,defs so an unresolved symbol fails the build instead of the load,
#  - linked against the SDK headers only.
# FOLDER is the tentacle folder holding metadata.json and optionally config/ and resources/ (default:
# the current source dir). The library, metadata.json (completed with "abi_version" and this
# platform's "libraries" entry when the author left them out), config/ and resources/ are laid out in
# <OUTPUT_ROOT>/<DESTINATION>, the tree the host scans; DESTINATION defaults to the folder's name. OUTPUT_ROOT defaults to
# OCTOBOT_TENTACLES_OUTPUT_DIR when set (in the OctoBot tree), else <build>/tentacles.
# Cached (internal) so the function sees them when called from any directory of the project.
set(_OCTOBOT_TENTACLE_MAP "${CMAKE_CURRENT_LIST_DIR}/tentacle.map" CACHE INTERNAL "")

# The ABI version of the SDK headers this file ships with (read from abi.h, the single source).
# OCTOBOT_SDK_ABI_HEADER is set by the package config (installed) or sdk/CMakeLists.txt (in tree).
if(NOT OCTOBOT_SDK_ABI_HEADER)
  set(OCTOBOT_SDK_ABI_HEADER "${CMAKE_CURRENT_LIST_DIR}/../include/octobot/abi.h")
endif()
set(_octobot_abi_header "${OCTOBOT_SDK_ABI_HEADER}")
file(STRINGS "${_octobot_abi_header}" _octobot_abi_major REGEX "^#define OB_ABI_MAJOR [0-9]+")
file(STRINGS "${_octobot_abi_header}" _octobot_abi_minor REGEX "^#define OB_ABI_MINOR [0-9]+")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _octobot_abi_major "${_octobot_abi_major}")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _octobot_abi_minor "${_octobot_abi_minor}")
set(OCTOBOT_TENTACLE_ABI_VERSION "${_octobot_abi_major}.${_octobot_abi_minor}" CACHE INTERNAL "")
# The platform key the host looks up in metadata.json "libraries" (uname: sysname-machine).
string(TOLOWER "${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}" _octobot_platform)
set(OCTOBOT_TENTACLE_PLATFORM "${_octobot_platform}" CACHE INTERNAL "")

# _octobot_generate_metadata(<source metadata.json> <output> <library file name>)
# Writes metadata.json for the built tree: the author's file with "abi_version" (when absent) and
# the "libraries" entry for this platform filled in, so sources stay in OctoBot's plain format.
function(_octobot_generate_metadata source output library_file)
  file(READ "${source}" json)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
  string(JSON type ERROR_VARIABLE error TYPE "${json}")
  if(error OR NOT type STREQUAL "OBJECT")
    # Left as is: the host reports the broken file (the test zoo relies on this).
    file(GENERATE OUTPUT "${output}" CONTENT "${json}")
    return()
  endif()
  string(JSON abi ERROR_VARIABLE missing GET "${json}" abi_version)
  if(missing)
    string(JSON json SET "${json}" abi_version "\"${OCTOBOT_TENTACLE_ABI_VERSION}\"")
  endif()
  string(JSON libraries ERROR_VARIABLE missing GET "${json}" libraries)
  if(missing)
    string(JSON json SET "${json}" libraries "{}")
  endif()
  string(JSON entry ERROR_VARIABLE missing GET "${json}" libraries ${OCTOBOT_TENTACLE_PLATFORM})
  if(missing)
    string(JSON json SET "${json}" libraries ${OCTOBOT_TENTACLE_PLATFORM} "{\"file\": \"${library_file}\"}")
  endif()
  file(GENERATE OUTPUT "${output}" CONTENT "${json}\n")
endfunction()

function(octobot_add_tentacle target)
  cmake_parse_arguments(ARG "NO_INSTALL" "FOLDER;OUTPUT_ROOT;DESTINATION" "SOURCES;LINK_LIBRARIES" ${ARGN})
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

  _octobot_generate_metadata(${ARG_FOLDER}/metadata.json ${out_dir}/metadata.json lib${target}.so)
  # config/ and resources/ are copied at configure time: configure_file tracks each file's content,
  # and the CONFIGURE_DEPENDS glob re-runs the copy when a file is added.
  file(GLOB_RECURSE data_files CONFIGURE_DEPENDS RELATIVE ${ARG_FOLDER}
       ${ARG_FOLDER}/config/* ${ARG_FOLDER}/resources/*)
  foreach(data_file ${data_files})
    configure_file(${ARG_FOLDER}/${data_file} ${out_dir}/${data_file} COPYONLY)
  endforeach()

  if(NOT ARG_NO_INSTALL AND DEFINED OCTOBOT_SHARE_SUBDIR)
    set(install_dir ${OCTOBOT_SHARE_SUBDIR}/tentacles/${ARG_DESTINATION})
    install(TARGETS ${target} LIBRARY DESTINATION ${install_dir})
    install(FILES ${out_dir}/metadata.json DESTINATION ${install_dir})
    foreach(sub config resources)
      if(IS_DIRECTORY ${ARG_FOLDER}/${sub})
        install(DIRECTORY ${ARG_FOLDER}/${sub} DESTINATION ${install_dir})
      endif()
    endforeach()
  endif()
endfunction()
