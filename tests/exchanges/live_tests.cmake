# Tests of octobot::exchanges_live: the order journal, the live gateway and restart reconciliation,
# against an in-memory exchange (live_exchange_double.hpp).
octobot_cc_test(NAME exchanges_live
  SRCS
    ban_file_test.cpp
    journal_test.cpp
    live_gateway_test.cpp
    partial_fill_test.cpp
    reconcile_test.cpp
  DEPS octobot::exchanges_live OctobotSDK::sdk SQLite::SQLite3)
# The journal's write-ahead line format is private to the library (src/journal_ahead_log.hpp).
target_include_directories(test_exchanges_live PRIVATE ${PROJECT_SOURCE_DIR}/core/exchanges/src)
