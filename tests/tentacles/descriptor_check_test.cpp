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
