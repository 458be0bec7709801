# octobot::exchanges_live (see CMakeLists.txt). Sources listed here only.
octobot_cc_library(NAME exchanges_live
  SRCS
    src/ban_file.cpp
    src/order_journal.cpp
    src/journal_ahead_log.cpp
    src/live_gateway.cpp
    src/live_reconcile.cpp
    src/live_poll.cpp
  PUBLIC_DEPS octobot::exchanges_seam octobot::trading
  PRIVATE_DEPS fmt::fmt SQLite::SQLite3 OctobotSDK::sdk)
