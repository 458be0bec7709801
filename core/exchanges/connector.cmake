# octobot::exchanges_connector (see CMakeLists.txt). Sources listed here only.
add_library(octobot_exchanges_seam INTERFACE)
add_library(octobot::exchanges_seam ALIAS octobot_exchanges_seam)
target_include_directories(octobot_exchanges_seam INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
target_link_libraries(octobot_exchanges_seam INTERFACE octobot::trading octobot::channel octobot::commons)

# ExchangeClient over a connector tentacle: its own thread, its sink's events posted to the bot loop,
# and the credentials/1 service. Boost.Asio stays in the .cpp files.
octobot_cc_library(NAME exchanges_connector
  SRCS
    src/abi_convert.cpp
    src/connector_client.cpp
    src/credentials_service.cpp
  PUBLIC_DEPS octobot::exchanges_seam octobot::tentacles octobot::commons
  PRIVATE_DEPS octobot::trading_modes Boost::headers)
