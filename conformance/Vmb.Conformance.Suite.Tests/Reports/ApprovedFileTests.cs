namespace Vmb.Conformance.Suite.Tests.Reports;

public sealed class ApprovedFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmb-approved-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_missing_approved_copy_fails_and_leaves_the_received_text()
    {
        var problem = ApprovedFile.Check(Path.Combine(_folder, "r.html"), "<p>now</p>\n", approve: false);
        Assert.StartsWith("r.html is missing", problem);
        Assert.Equal("<p>now</p>\n", File.ReadAllText(Path.Combine(_folder, "r.received.html")));
        Assert.False(File.Exists(Path.Combine(_folder, "r.html")));
    }

    [Fact]
    public void A_changed_approved_copy_fails_naming_the_first_differing_line()
    {
        File.WriteAllText(Path.Combine(_folder, "r.svg"), "a\nb\nc\n");
        var problem = ApprovedFile.Check(Path.Combine(_folder, "r.svg"), "a\nB\nc\n", approve: false);
        Assert.StartsWith("r.svg differs from the current text (first difference at line 2)", problem);
        Assert.Equal("a\nb\nc\n", File.ReadAllText(Path.Combine(_folder, "r.svg")));
    }

    [Fact]
    public void An_equal_copy_passes_and_approval_rewrites_it()
    {
        File.WriteAllText(Path.Combine(_folder, "r.md"), "old\n");
        Assert.NotNull(ApprovedFile.Check(Path.Combine(_folder, "r.md"), "new\n", approve: false));
        Assert.Null(ApprovedFile.Check(Path.Combine(_folder, "r.md"), "new\n", approve: true));
        Assert.Null(ApprovedFile.Check(Path.Combine(_folder, "r.md"), "new\n", approve: false));
        Assert.False(File.Exists(Path.Combine(_folder, "r.received.md")));
    }
}
