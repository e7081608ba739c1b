using Arbitrex.MlLayer.Core.IO;

namespace Arbitrex.MlLayer.Core.Tests.IO;

[Trait("Category", "Unit")]
public sealed class AtomicFileTests
{
    [Fact]
    public void Write_creates_the_folder_and_replaces_the_content_leaving_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nested", "state.json");

        AtomicFile.Write(path, "{\"a\":1}"u8);
        AtomicFile.Write(path, "{\"a\":2}"u8);

        Assert.Equal("{\"a\":2}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Create_refuses_an_existing_file_and_keeps_its_content()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "model.txt");
        AtomicFile.Create(path, "first"u8);

        Assert.Throws<IOException>(() => AtomicFile.Create(path, "second"u8));

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_write_that_cannot_be_renamed_into_place_removes_its_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "config.json");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "{}"u8));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
