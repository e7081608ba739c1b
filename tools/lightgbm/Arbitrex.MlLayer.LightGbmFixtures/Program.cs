using Arbitrex.MlLayer.LightGbmFixtures;

// Writes the LightGBM parity fixtures (see FixtureSpec.All) with the native library of the NuGet LightGBM package.
//   dotnet run --project tools/lightgbm/Arbitrex.MlLayer.LightGbmFixtures -c Release            regenerate in place
//   dotnet run --project tools/lightgbm/Arbitrex.MlLayer.LightGbmFixtures -c Release -- --check regenerate into a temp
//                                                   folder and compare with the committed files (exit 1 on a difference)
var check = args.Contains("--check");
var outIndex = Array.IndexOf(args, "--out");
var committed = outIndex >= 0 && outIndex + 1 < args.Length
    ? Path.GetFullPath(args[outIndex + 1])
    : Path.Combine(RepositoryRoot(), "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "LightGbm", "Fixtures");
var target = check ? Directory.CreateTempSubdirectory("lightgbm-fixtures-").FullName : committed;
Directory.CreateDirectory(target);

var differences = new List<string>();
foreach (var spec in FixtureSpec.All)
{
    var started = DateTime.UtcNow;
    FixtureGenerator.Generate(spec, target);
    Console.WriteLine($"{spec.Name}: {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    if (!check)
    {
        continue;
    }

    foreach (var file in new[] { spec.ModelFileName, spec.ReferenceFileName })
    {
        var expected = Path.Combine(committed, file);
        if (!File.Exists(expected))
        {
            differences.Add($"{file}: not committed");
        }
        else if (!FixtureGenerator.Decompress(expected).AsSpan().SequenceEqual(FixtureGenerator.Decompress(Path.Combine(target, file))))
        {
            differences.Add($"{file}: differs from what the native library produces now");
        }
    }
}

if (check)
{
    Directory.Delete(target, recursive: true);
    foreach (var difference in differences)
    {
        Console.Error.WriteLine(difference);
    }

    Console.WriteLine(differences.Count == 0 ? "LightGBM fixtures match the native library." : $"{differences.Count} fixture files differ; regenerate them.");
    return differences.Count == 0 ? 0 : 1;
}

Console.WriteLine($"Fixtures written to {target}");
return 0;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Arbitrex.MlLayer.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository (Arbitrex.MlLayer.sln not found above the program).");
}
