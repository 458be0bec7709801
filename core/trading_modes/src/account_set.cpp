#include <octobot/trading_modes/account_set.hpp>
#include <octobot/trading_modes/service_error.hpp>

namespace octobot::trading_modes {

Account& AccountSet::get(const ob_account* handle) const {
  if (handle == nullptr)
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "account: expected the instance's account, found NULL");
  if (accounts_.count(handle) == 0) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       "account: expected the account the instance was created with, found an account this run does "
                       "not know");
  }
  if (allowed_ != nullptr && handle != allowed_) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       "account: expected the account the running instance was created with, found another one");
  }
  // The set holds only handles of live Accounts (handle() is the Account's own address).
  return *reinterpret_cast<Account*>(const_cast<ob_account*>(handle));
}

}  // namespace octobot::trading_modes
