namespace Arbitrex.MlLayer.Testing;

/// <summary>Locates the repository (the folder holding Arbitrex.MlLayer.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arbitrex.MlLayer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Arbitrex.MlLayer.sln not found above " + AppContext.BaseDirectory);
    }
}
