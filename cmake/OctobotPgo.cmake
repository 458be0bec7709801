# Profile-guided optimisation (GCC), in two phases over one build tree (tools/build_pgo.sh runs both):
#   OCTOBOT_PGO=generate  programs and tentacles count which branches and calls run (.gcda files next
#                         to the objects, written when a program exits);
#   OCTOBOT_PGO=use       the same tree rebuilt with those counts: hot code laid out together, branches
#                         ordered by what the run took, inlining where calls were hot.
# GCC finds a translation unit's counts by its object's path, so both phases must build in the same
# folder. -fprofile-partial-training keeps the code the training never ran optimised as usual (the
# default treats it as cold and optimises it for size).
set(OCTOBOT_PGO "" CACHE STRING "Profile-guided optimisation phase: empty (off), generate or use (tools/build_pgo.sh)")
set_property(CACHE OCTOBOT_PGO PROPERTY STRINGS "" generate use)

if(OCTOBOT_PGO STREQUAL "")
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  message(FATAL_ERROR "OCTOBOT_PGO: expected GCC (its -fprofile-generate/-fprofile-use), found ${CMAKE_CXX_COMPILER_ID}")
endif()
if(OCTOBOT_PGO STREQUAL "generate")
  # Atomic counters: the bot counts on several threads at once (the connector's, the bot loop).
  add_compile_options(-fprofile-generate -fprofile-update=atomic)
  add_link_options(-fprofile-generate)
elseif(OCTOBOT_PGO STREQUAL "use")
  # A file the training never ran has no counts: not a problem, so not a warning.
  add_compile_options(-fprofile-use -fprofile-partial-training -Wno-missing-profile)
else()
  message(FATAL_ERROR "OCTOBOT_PGO: expected empty, \"generate\" or \"use\", found \"${OCTOBOT_PGO}\"")
endif()
