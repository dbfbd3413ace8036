// Loading a project: which files are found, in what order, and what is
// reported for files that cannot be used.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "compiler/project/project.h"

namespace kairos {
namespace {

namespace fs = std::filesystem;

class ProjectTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) /
            ("kairos_project_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Write(const std::string& relative, const std::string& text) {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::vector<std::string> Paths(const Project& project) const {
    std::vector<std::string> paths;
    for (const auto& source : project.sources) {
      paths.push_back(fs::path(source->path()).lexically_relative(root_).generic_string());
    }
    return paths;
  }

  // "Kind line:col" (or "Kind" for messages without a place).
  static std::vector<std::string> Diagnostics(const DiagnosticSink& sink) {
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.diagnostics()) {
      std::string entry(KindName(d.kind));
      if (d.range.valid()) {
        LineColumn at = d.range.file->Locate(d.range.begin);
        entry += " " + std::to_string(at.line) + ":" + std::to_string(at.column);
      }
      out.push_back(entry);
    }
    return out;
  }

  fs::path root_;
};

TEST_F(ProjectTest, FoldersAreSearchedRecursivelyAndSortedByPath) {
  Write("b.journey", "segment b = true\n");
  Write("a.journey", "segment a = true\n");
  Write("sub/deeper/c.journey", "segment c = true\n");
  Write("sub/a.journey", "segment sa = true\n");
  Write("notes.txt", "not a journey\n");
  Write("templates/welcome.html", "<p>hi</p>\n");
  DiagnosticSink sink;
  Project project = LoadProject({root_.string()}, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_EQ(Paths(project),
            (std::vector<std::string>{"a.journey", "b.journey", "sub/a.journey", "sub/deeper/c.journey"}));
  ASSERT_EQ(project.files.size(), 4u);
  for (size_t i = 0; i < project.files.size(); ++i) {
    EXPECT_EQ(project.files[i]->source, project.sources[i].get());
    EXPECT_EQ(project.files[i]->decls.size(), 1u);
  }
  EXPECT_EQ(project.root, root_.string());
}

TEST_F(ProjectTest, NamedFilesAreTakenWhateverTheirExtension) {
  std::string rules = Write("rules.txt", "segment a = true\n");
  std::string other = Write("z.journey", "segment z = true\n");
  DiagnosticSink sink;
  Project project = LoadProject({other, rules, other}, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_EQ(Paths(project), (std::vector<std::string>{"rules.txt", "z.journey"}));
  EXPECT_EQ(project.root, "");
}

TEST_F(ProjectTest, FilesWithProblemsAreSkippedAndTheRestLoad) {
  Write("good.journey", "segment good = true\n");
  Write("latin1.journey", "segment a = true\nsegment b = \"caf\xE9\"\n");
  Write("empty.journey", "");
  Write("blank.journey", " \n\t\r\n  \n");
  Write("syntax.journey", "segment s = (\n");
  DiagnosticSink sink;
  Project project = LoadProject({root_.string()}, sink);
  EXPECT_EQ(Diagnostics(sink),
            (std::vector<std::string>{"FileEmpty 1:1", "FileEmpty 1:1", "FileNotUtf8 2:17", "SyntaxError 1:14"}));
  EXPECT_EQ(Paths(project), (std::vector<std::string>{"good.journey", "syntax.journey"}));
  EXPECT_EQ(project.rejected.size(), 3u);
  EXPECT_EQ(project.files[0]->decls.size(), 1u);
  EXPECT_TRUE(project.files[1]->decls.empty());
}

TEST_F(ProjectTest, FolderWithoutJourneyFiles) {
  Write("readme.md", "# shop\n");
  DiagnosticSink sink;
  Project project = LoadProject({root_.string()}, sink);
  EXPECT_EQ(Diagnostics(sink), std::vector<std::string>{"NoSourceFiles"});
  EXPECT_NE(sink.diagnostics()[0].message.find(root_.string()), std::string::npos);
  EXPECT_TRUE(project.sources.empty());
}

TEST_F(ProjectTest, MissingPathsAndUnreadableEntries) {
  Write("good.journey", "segment good = true\n");
  fs::create_symlink(root_ / "nowhere.journey", root_ / "dangling.journey");
  DiagnosticSink sink;
  Project project = LoadProject({(root_ / "missing.journey").string(), root_.string()}, sink);
  EXPECT_EQ(Diagnostics(sink), (std::vector<std::string>{"FileNotReadable", "FileNotReadable"}));
  EXPECT_NE(sink.diagnostics()[0].message.find("missing.journey"), std::string::npos);
  EXPECT_NE(sink.diagnostics()[1].message.find("dangling.journey"), std::string::npos);
  EXPECT_EQ(Paths(project), std::vector<std::string>{"good.journey"});
}

TEST_F(ProjectTest, AddSourceParsesTextHeldInMemory) {
  Write("a.journey", "segment a = true\n");
  DiagnosticSink sink;
  Project project = LoadProject({root_.string()}, sink);
  const ast::File& prelude = AddSource(project, "<prelude>", "builtin f(x: int): int\nsegment broken = \n", sink);
  EXPECT_EQ(prelude.decls.size(), 1u);
  EXPECT_EQ(Diagnostics(sink), std::vector<std::string>{"SyntaxError 2:17"});
  ASSERT_EQ(project.sources.size(), 2u);
  EXPECT_EQ(project.sources[1]->path(), "<prelude>");
  EXPECT_EQ(project.files[1].get(), &prelude);
}

}  // namespace
}  // namespace kairos
