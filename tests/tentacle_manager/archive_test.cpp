// Extraction refuses everything that could write outside its folder or fill the disk, with a
// message naming the member; writing is reproducible and round-trips through both formats.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/archive.hpp>

#include "package_fixtures.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using octobot::tentacle_manager::ArchiveError;
using octobot::tentacle_manager::ArchiveLimits;
using octobot::tentacle_manager::extract_archive;
using octobot::testing::RawFormat;
using octobot::testing::RawMember;

std::string extraction_error(const fs::path& archive, const fs::path& destination, const ArchiveLimits& limits = {}) {
  try {
    extract_archive(archive, destination, limits);
  } catch (const ArchiveError& e) {
    return e.what();
  }
  return "extracted without error";
}

}  // namespace

TEST_CASE("unsafe member paths are refused", "[archive]") {
  octobot::testing::TempDir dir;
  const auto format = GENERATE(RawFormat::tar_gz, RawFormat::zip);
  struct Case {
    std::string member;
    std::string reason;
    std::string zip_reason;  // libarchive's zip reader turns Windows backslashes into slashes first
  };
  const auto bad = GENERATE(Case{"../evil.txt", "a \"..\" component", "a \"..\" component"},
                            Case{"tentacles/../../evil.txt", "a \"..\" component", "a \"..\" component"},
                            Case{"/tmp/evil.txt", "an absolute path", "an absolute path"},
                            Case{"a\\..\\evil.txt", "backslash", "a \"..\" component"});
  const auto archive = dir / "evil.pkg";
  octobot::testing::write_raw_archive(
      archive, format,
      {octobot::testing::raw_file("manifest.json", "{}"), octobot::testing::raw_file(bad.member, "x")});
  const auto message = extraction_error(archive, dir / "out");
  INFO(bad.member);
  CHECK_THAT(message, Contains("\": refused: "));
  CHECK_THAT(message, Contains(format == RawFormat::zip ? bad.zip_reason : bad.reason));
  CHECK_FALSE(fs::exists(dir.path().parent_path() / "evil.txt"));
  CHECK_FALSE(fs::exists("/tmp/evil.txt"));
}

TEST_CASE("symbolic links are refused; one pointing outside is named as such", "[archive]") {
  octobot::testing::TempDir dir;
  const auto archive = dir / "links.tar.gz";
  octobot::testing::write_raw_archive(archive, RawFormat::tar_gz,
                                      {octobot::testing::raw_symlink("tentacles/escape", "../../../etc")});
  CHECK_THAT(extraction_error(archive, dir / "out"), Contains("points outside the package folder"));

  octobot::testing::write_raw_archive(archive, RawFormat::tar_gz,
                                      {octobot::testing::raw_symlink("tentacles/abs", "/etc/passwd")});
  CHECK_THAT(extraction_error(archive, dir / "out2"), Contains("points outside the package folder"));

  octobot::testing::write_raw_archive(
      archive, RawFormat::tar_gz,
      {octobot::testing::raw_file("a/real.txt", "x"), octobot::testing::raw_symlink("a/inside", "real.txt")});
  CHECK_THAT(extraction_error(archive, dir / "out3"), Contains("packages hold regular files only"));

  octobot::testing::write_raw_archive(
      archive, RawFormat::tar_gz,
      {octobot::testing::raw_file("a/real.txt", "x"), octobot::testing::raw_hardlink("a/hard", "/etc/passwd")});
  CHECK_THAT(extraction_error(archive, dir / "out4"), Contains("a hard link"));
}

TEST_CASE("archive bombs stop at the limits, before or while writing", "[archive]") {
  octobot::testing::TempDir dir;
  const auto archive = dir / "bomb.tar.gz";
  ArchiveLimits limits;
  limits.max_total_bytes = 1 << 20;
  limits.max_file_bytes = 1 << 20;
  limits.max_entries = 50;

  SECTION("one member of 8 MiB of zeros (compresses to a few KiB)") {
    octobot::testing::write_raw_archive(archive, RawFormat::tar_gz,
                                        {octobot::testing::raw_file("zeros.bin", std::string(8 << 20, '\0'))});
    CHECK(fs::file_size(archive) < 64 * 1024);
    const auto message = extraction_error(archive, dir / "out", limits);
    CHECK_THAT(message, Contains("declares 8 MiB, over the per-file limit of 1 MiB"));
    CHECK_FALSE(fs::exists(dir / "out" / "zeros.bin"));  // refused from the header, nothing written
  }
  SECTION("many members within the per-file limit, too many bytes together") {
    std::vector<RawMember> members;
    for (int i = 0; i < 5; ++i)
      members.push_back(octobot::testing::raw_file("part" + std::to_string(i), std::string(300 << 10, 'a')));
    octobot::testing::write_raw_archive(archive, RawFormat::tar_gz, members);
    CHECK_THAT(extraction_error(archive, dir / "out", limits), Contains("would exceed the package limit of 1 MiB"));
  }
  SECTION("too many members") {
    std::vector<RawMember> members;
    for (int i = 0; i < 60; ++i) members.push_back(octobot::testing::raw_file("f" + std::to_string(i), ""));
    octobot::testing::write_raw_archive(archive, RawFormat::tar_gz, members);
    CHECK_THAT(extraction_error(archive, dir / "out", limits), Contains("more than 50 members"));
  }
}

TEST_CASE("garbled, truncated, empty and duplicated archives are refused with the reason", "[archive]") {
  octobot::testing::TempDir dir;
  dir.write("garbled.tar.gz", "this is not an archive at all, just text that goes on for a while........");
  CHECK_THAT(extraction_error(dir / "garbled.tar.gz", dir / "out1"), Contains("not a .tar.gz or .zip package"));

  const auto good = dir / "good.tar.gz";
  octobot::testing::write_raw_archive(good, RawFormat::tar_gz,
                                      {octobot::testing::raw_file("big.bin", std::string(200000, 'x') + "y")});
  std::string bytes = octobot::commons::read_text_file(good);
  dir.write("truncated.tar.gz", bytes.substr(0, bytes.size() / 2));
  CHECK_THAT(extraction_error(dir / "truncated.tar.gz", dir / "out2"), Contains("corrupted archive"));

  CHECK_THAT(extraction_error(dir / "missing.tar.gz", dir / "out3"), Contains("cannot open"));

  octobot::testing::write_raw_archive(
      dir / "twice.tar.gz", RawFormat::tar_gz,
      {octobot::testing::raw_file("a.txt", "1"), octobot::testing::raw_file("./a.txt", "2")});
  CHECK_THAT(extraction_error(dir / "twice.tar.gz", dir / "out4"), Contains("holds this member twice"));
}

TEST_CASE("written archives round-trip in both formats, reproducibly", "[archive]") {
  using octobot::tentacle_manager::ArchiveFormat;
  octobot::testing::TempDir dir;
  dir.write("src/a/b.txt", "hello");
  dir.write("src/lib.so", std::string(100000, 'z'));
  fs::permissions(dir / "src/lib.so", fs::perms::owner_exec, fs::perm_options::add);
  const std::vector<std::string> files = {"a/b.txt", "lib.so"};
  for (const auto& [name, format] :
       {std::pair{"p.tar.gz", ArchiveFormat::tar_gz}, std::pair{"p.zip", ArchiveFormat::zip}}) {
    INFO(name);
    CHECK(octobot::tentacle_manager::archive_format_for(name) == format);
    octobot::tentacle_manager::write_archive(dir / name, format, dir / "src", files);
    const auto first = octobot::commons::read_text_file(dir / name);
    octobot::tentacle_manager::write_archive(dir / name, format, dir / "src", files);
    CHECK(octobot::commons::read_text_file(dir / name) == first);
    const auto out = dir / (std::string("out-") + name);
    CHECK(extract_archive(dir / name, out, {}) == files);
    CHECK(octobot::commons::read_text_file(out / "a/b.txt") == "hello");
    CHECK((fs::status(out / "lib.so").permissions() & fs::perms::owner_exec) != fs::perms::none);
  }
  CHECK_FALSE(octobot::tentacle_manager::archive_format_for("p.rar"));
}

TEST_CASE("path rules", "[archive]") {
  using octobot::tentacle_manager::normalize_relative_path;
  using octobot::tentacle_manager::unsafe_path_reason;
  CHECK_FALSE(unsafe_path_reason("tentacles/Evaluator/TA/x/metadata.json"));
  CHECK_FALSE(unsafe_path_reason("./a//b/"));
  CHECK(normalize_relative_path("./a//b/") == "a/b");
  CHECK(unsafe_path_reason(""));
  CHECK(unsafe_path_reason("."));
  CHECK(unsafe_path_reason("a/../../b"));
  CHECK(unsafe_path_reason("a\nb"));
}
