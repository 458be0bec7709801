# ConnectorClient against TestExchange, a connector tentacle written against the C ABI alone and
# built into a test-only tree (never installed), loaded by the real host.
set(OCTOBOT_EXCHANGES_TEST_TREE ${PROJECT_BINARY_DIR}/tests/exchanges_tree)
octobot_add_tentacle(test_exchange_connector
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_connector/test_connector.cpp
  FOLDER ${CMAKE_CURRENT_SOURCE_DIR}/test_connector
  OUTPUT_ROOT ${OCTOBOT_EXCHANGES_TEST_TREE}
  DESTINATION Trading/Exchange/test_connector
  NO_INSTALL)

octobot_cc_test(NAME exchanges_connector
  SRCS connector_client_test.cpp connector_submit_test.cpp credentials_service_test.cpp
  DEPS octobot::exchanges_connector octobot::tentacles octobot::commons Boost::headers
  DEFINES OCTOBOT_EXCHANGES_TEST_TREE="${OCTOBOT_EXCHANGES_TEST_TREE}"
  LABELS exchanges)
add_dependencies(test_exchanges_connector test_exchange_connector)
