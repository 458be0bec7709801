// The OctoBot C++ SDK: include this one header to write a tentacle.
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/config.hpp>
#include <octobot/sdk/error.hpp>
#include <octobot/sdk/exchange.hpp>
#include <octobot/sdk/host.hpp>
#include <octobot/sdk/library.hpp>
#include <octobot/sdk/market_data.hpp>
#include <octobot/sdk/matrix.hpp>
#include <octobot/sdk/tentacle.hpp>
#include <octobot/sdk/trading.hpp>
#include <octobot/sdk/version.hpp>
