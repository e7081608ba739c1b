using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class RegistryOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(OptionsValidation.Errors(new RegistryOptionsValidator(), new RegistryOptions()));

    [Fact]
    public void An_empty_root_or_import_path_is_refused_naming_the_key()
    {
        Assert.Equal(["Registry:Root must name a folder."], OptionsValidation.Errors(new RegistryOptionsValidator(), new RegistryOptions { Root = "" }));
        Assert.Equal(["Registry:ImportPath must name a folder."], OptionsValidation.Errors(new RegistryOptionsValidator(), new RegistryOptions { ImportPath = "" }));
    }
}
