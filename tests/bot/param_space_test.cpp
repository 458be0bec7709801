// The optimizer's parameter syntax, grid and seeded random sample.
#include <catch2/catch.hpp>
#include <octobot/bot/param_space.hpp>

#include <algorithm>
#include <set>

namespace {

using octobot::bot::ParamError;
using octobot::bot::ParamSpec;
using octobot::bot::parse_param;
using Values = std::vector<std::string>;

}  // namespace

TEST_CASE("param space: a decimal range gives exact values with no float drift", "[optimizer][params]") {
  const ParamSpec spec = parse_param("TrendEvaluator.threshold=0.1..0.3:0.1");
  CHECK(spec.class_name == "TrendEvaluator");
  CHECK(spec.key == "threshold");
  CHECK(spec.values == Values{"0.1", "0.2", "0.3"});  // 0.1 + 0.1 + 0.1 in doubles is 0.30000000000000004
  CHECK(parse_param("A.x=0.1..0.35:0.1").values == Values{"0.1", "0.2", "0.3"});
  CHECK(parse_param("A.x=0..1:0.25").values == Values{"0", "0.25", "0.5", "0.75", "1"});
  CHECK(parse_param("A.x=-2..2:2").values == Values{"-2", "0", "2"});
  CHECK(parse_param("A.x=5..5:1").values == Values{"5"});
  CHECK(parse_param("A.x = 10..14").values == Values{"10", "11", "12", "13", "14"});  // step 1 when omitted
  CHECK(parse_param("A.nested.key=1..2:1").key == "nested.key");
}

TEST_CASE("param space: a list keeps numbers, booleans and text apart", "[optimizer][params]") {
  CHECK(parse_param("A.mode=sma, ema").values == Values{"\"sma\"", "\"ema\""});
  CHECK(parse_param("A.flag=true,false").values == Values{"true", "false"});
  CHECK(parse_param("A.n=7,1.50,2e1").values == Values{"7", "1.5", "20"});
  CHECK(parse_param("A.s=say \"hi\"").values == Values{"\"say \\\"hi\\\"\""});
}

TEST_CASE("param space: bad --param text says what was expected and what was found", "[optimizer][params]") {
  CHECK_THROWS_AS(parse_param("A.x"), ParamError);
  CHECK_THROWS_WITH(parse_param("A.x"), Catch::Contains("found no '='"));
  CHECK_THROWS_WITH(parse_param("period=1..2"), Catch::Contains("Class.key") && Catch::Contains("'period'"));
  CHECK_THROWS_WITH(parse_param(".x=1"), Catch::Contains("Class.key"));
  CHECK_THROWS_WITH(parse_param("A.x="), Catch::Contains("found nothing"));
  CHECK_THROWS_WITH(parse_param("A.x=1..2:0"), Catch::Contains("a step above 0, found 0"));
  CHECK_THROWS_WITH(parse_param("A.x=1..2:-1"), Catch::Contains("a step above 0"));
  CHECK_THROWS_WITH(parse_param("A.x=3..1:1"), Catch::Contains("found 3..1"));
  CHECK_THROWS_WITH(parse_param("A.x=a..3:1"), Catch::Contains("a number as the range's start, found 'a'"));
  CHECK_THROWS_WITH(parse_param("A.x=1..3:z"), Catch::Contains("range's step, found 'z'"));
  CHECK_THROWS_WITH(parse_param("A.x=1,,2"), Catch::Contains("found an empty one"));
  CHECK_THROWS_WITH(parse_param("A.x=1,2,1.0"), Catch::Contains("distinct values, found '1.0' twice"));
  CHECK_THROWS_WITH(parse_param("A.x=0..1:0.000001"), Catch::Contains("at most 100000 values"));
}

TEST_CASE("param space: the grid is the cartesian product, last parameter fastest", "[optimizer][params]") {
  const std::vector<ParamSpec> specs = {parse_param("A.x=1..3:1"), parse_param("B.y=a,b")};
  REQUIRE(octobot::bot::grid_size(specs) == 6);
  const auto points = octobot::bot::grid_points(specs);
  REQUIRE(points.size() == 6);
  CHECK(points[0] == octobot::bot::ParamPoint{0, 0});
  CHECK(points[1] == octobot::bot::ParamPoint{0, 1});
  CHECK(points[2] == octobot::bot::ParamPoint{1, 0});
  CHECK(points[5] == octobot::bot::ParamPoint{2, 1});
  CHECK(std::set<octobot::bot::ParamPoint>(points.begin(), points.end()).size() == 6);
  for (std::uint64_t i = 0; i < 6; ++i) CHECK(octobot::bot::grid_point(specs, i) == points[i]);

  const std::vector<ParamSpec> huge = {parse_param("A.x=1..10000:1"), parse_param("B.y=1..10000:1")};
  CHECK_THROWS_WITH(octobot::bot::grid_size(huge), Catch::Contains("at most 10000000 parameter combinations"));
}

TEST_CASE("param space: a random sample is reproducible with its seed, distinct and in grid order",
          "[optimizer][params]") {
  using octobot::bot::random_grid_indexes;
  const auto first = random_grid_indexes(1000, 20, 42);
  CHECK(first == random_grid_indexes(1000, 20, 42));
  CHECK(first != random_grid_indexes(1000, 20, 43));
  REQUIRE(first.size() == 20);
  CHECK(std::is_sorted(first.begin(), first.end()));
  CHECK(std::adjacent_find(first.begin(), first.end()) == first.end());
  CHECK(first.back() < 1000);
  // Not just the first indexes: a uniform sample of 20 in 1000 reaches past 500 with probability
  // 1 - 2^-20 for any fixed seed; this seed does.
  CHECK(first.back() > 500);
  CHECK(random_grid_indexes(5, 9, 1) == std::vector<std::uint64_t>{0, 1, 2, 3, 4});  // whole grid
  CHECK(random_grid_indexes(5, 5, 1).size() == 5);
  // Every index can be drawn: over many seeds each of 10 indexes appears in some sample of 3.
  std::set<std::uint64_t> seen;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    for (const auto index : random_grid_indexes(10, 3, seed)) seen.insert(index);
  }
  CHECK(seen.size() == 10);
}
