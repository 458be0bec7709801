# octobot::exchanges_connector (see CMakeLists.txt). Sources listed here only.
add_library(octobot_exchanges_seam INTERFACE)
add_library(octobot::exchanges_seam ALIAS octobot_exchanges_seam)
target_include_directories(octobot_exchanges_seam INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
target_link_libraries(octobot_exchanges_seam INTERFACE octobot::trading octobot::channel octobot::commons)
