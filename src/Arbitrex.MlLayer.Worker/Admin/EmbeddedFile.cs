namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>A file built into the worker assembly, so it is found whatever the content root (dotnet run, published folder, tests).</summary>
internal static class EmbeddedFile
{
    public static byte[] ReadAllBytes(string resourceName)
    {
        using var stream = typeof(EmbeddedFile).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing from the worker assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
