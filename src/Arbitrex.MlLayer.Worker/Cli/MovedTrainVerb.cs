namespace Arbitrex.MlLayer.Worker.Cli;

/// <summary>
/// <c>train</c> moved to its own tool (ML.NET cannot run in the native-AOT worker). Scripts that still call it
/// here get one line naming the new command and a failing exit code instead of a host started with their arguments.
/// </summary>
public static class MovedTrainVerb
{
    /// <summary>EX_USAGE of sysexits.h, as <c>train</c> itself exits for a bad command line.</summary>
    public const int ExitUsage = 64;

    public const string Command = "dotnet run --project src/Arbitrex.MlLayer.Trainer -- train";

    /// <summary>Says where <c>train</c> went when <paramref name="args"/> starts with it; null when the host should start instead.</summary>
    public static int? TryRun(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0] != "train")
        {
            return null;
        }

        error.WriteLine($"train: moved out of the worker; run `{Command} …` (or `dotnet arbitrex-trainer.dll train …`) with the same arguments.");
        return ExitUsage;
    }
}
