// check_descriptor on hand-made descriptors: every problem is listed, in words a tentacle author
// can act on.
#include <catch2/catch.hpp>
#include <octobot/tentacles/library.hpp>

using namespace octobot::tentacles;

namespace {

ob_status create(const ob_instance_args*, ob_instance**, ob_error*) { return OB_OK; }
void destroy(ob_instance*) {}
ob_status evaluate(ob_instance*, const ob_candles*, ob_evaluation*, ob_error*) { return OB_OK; }

const ob_ta_evaluator_vtable kTable = {OB_HEADER_INIT(ob_ta_evaluator_vtable), {create, destroy, nullptr}, evaluate};
const ob_ta_evaluator_vtable kNoEvaluate = {
    OB_HEADER_INIT(ob_ta_evaluator_vtable), {create, destroy, nullptr}, nullptr};

ob_class_descriptor make_class(const char* name, uint32_t kind = OB_KIND_TA_EVALUATOR, const void* table = &kTable,
                               const char* version = "1.0.0") {
  return {OB_HEADER_INIT(ob_class_descriptor), kind, name, version, "", table};
}

TentacleMetadata metadata_listing(std::vector<std::string> classes) {
  TentacleMetadata metadata;
  metadata.classes = std::move(classes);
  metadata.abi = {OB_ABI_MAJOR, OB_ABI_MINOR};
  return metadata;
}

std::string joined(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& problem : problems) out += problem + "\n";
  return out;
}

}  // namespace

TEST_CASE("a correct descriptor has no problem", "[descriptor]") {
  const auto a = make_class("A");
  const ob_class_descriptor* classes[] = {&a};
  const ob_library_descriptor library = {OB_HEADER_INIT(ob_library_descriptor), "1.0.0", 1, classes, nullptr, nullptr};
  CHECK(check_descriptor(&library, metadata_listing({"A"})).empty());
}

TEST_CASE("every problem of a descriptor is listed at once", "[descriptor]") {
  const auto unknown_kind = make_class("Weird", 999);
  const auto bad_version = make_class("Versionless", OB_KIND_TA_EVALUATOR, &kTable, "latest");
  const auto no_evaluate = make_class("Mute", OB_KIND_TA_EVALUATOR, &kNoEvaluate);
  const auto duplicate = make_class("Mute");
  const ob_class_descriptor* classes[] = {&unknown_kind, &bad_version, &no_evaluate, &duplicate, nullptr};
  const ob_library_descriptor library = {OB_HEADER_INIT(ob_library_descriptor), "1.0.0", 5, classes, nullptr, nullptr};
  const auto problems = joined(check_descriptor(&library, metadata_listing({"Weird", "Versionless", "Mute", "Ghost"})));
  CHECK_THAT(problems, Catch::Contains("class Weird has unknown kind 999"));
  CHECK_THAT(problems, Catch::Contains("class Versionless has version \"latest\""));
  CHECK_THAT(problems, Catch::Contains("class Mute is a TA evaluator without evaluate"));
  CHECK_THAT(problems, Catch::Contains("class Mute is exported twice"));
  CHECK_THAT(problems, Catch::Contains("class #4 is NULL"));
  CHECK_THAT(problems, Catch::Contains("not exported by the library: Ghost"));
}

TEST_CASE("a NULL descriptor, a short one and an ABI disagreement are refused", "[descriptor]") {
  CHECK_THAT(joined(check_descriptor(nullptr, metadata_listing({"A"}))), Catch::Contains("returned NULL"));

  const auto a = make_class("A");
  const ob_class_descriptor* classes[] = {&a};
  ob_library_descriptor shorter = {OB_HEADER_INIT(ob_library_descriptor), "1.0.0", 1, classes, nullptr, nullptr};
  shorter.header.struct_size = 8;
  CHECK_THAT(joined(check_descriptor(&shorter, metadata_listing({"A"}))), Catch::Contains("struct_size 8"));

  ob_library_descriptor newer = {OB_HEADER_INIT(ob_library_descriptor), "1.0.0", 1, classes, nullptr, nullptr};
  newer.header.abi_minor = OB_ABI_MINOR + 1;
  const auto problems = joined(check_descriptor(&newer, metadata_listing({"A"})));
  CHECK_THAT(problems, Catch::Contains("this host speaks"));
  CHECK_THAT(problems, Catch::Contains("but metadata.json says"));
}

namespace {
ob_status decide(ob_instance*, const ob_trading_decision*, ob_error*) { return OB_OK; }

// A trading mode's table as a library built against ABI 1.4 wrote it: it ends before on_service_feed.
ob_trading_mode_vtable trading_mode_table_1_4(bool with_decision) {
  ob_trading_mode_vtable table = {OB_HEADER_INIT(ob_trading_mode_vtable),
                                  {create, destroy, nullptr},
                                  OB_SCOPE_SYMBOL,
                                  nullptr,
                                  nullptr,
                                  nullptr,
                                  with_decision ? decide : nullptr,
                                  nullptr};
  table.header.struct_size = static_cast<uint32_t>(offsetof(ob_trading_mode_vtable, on_service_feed));
  table.header.abi_minor = 4;
  return table;
}
}  // namespace

TEST_CASE("a trading mode built against ABI 1.4 is checked for on_decision, not for on_service_feed", "[descriptor]") {
  const ob_trading_mode_vtable good = trading_mode_table_1_4(true);
  const ob_trading_mode_vtable mute = trading_mode_table_1_4(false);
  const auto old_mode = make_class("OldMode", OB_KIND_TRADING_MODE, &good);
  const auto mute_mode = make_class("MuteMode", OB_KIND_TRADING_MODE, &mute);
  const ob_class_descriptor* classes[] = {&old_mode, &mute_mode};
  const ob_library_descriptor library = {OB_HEADER_INIT(ob_library_descriptor), "1.0.0", 2, classes, nullptr, nullptr};
  const auto problems = joined(check_descriptor(&library, metadata_listing({"OldMode", "MuteMode"})));
  CHECK_THAT(problems, !Catch::Contains("OldMode"));
  CHECK_THAT(problems, Catch::Contains("class MuteMode lacks on_decision for its kind"));
}
