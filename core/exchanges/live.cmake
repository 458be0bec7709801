# octobot::exchanges_live (see CMakeLists.txt). Sources listed here only.
