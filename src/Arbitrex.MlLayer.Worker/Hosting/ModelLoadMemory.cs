namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Hands back to the system the memory a model load used for a moment. Reading a model (the file, the trees as read,
/// the copy the registry checks) takes several times the file's size, and the GC keeps that heap committed
/// afterwards (docs/PERFORMANCE.md, "Memory"). One full, compacting collection that decommits free space, after a
/// model is registered or swapped in (rare admin calls), returns it; the pause is that of one full collection.
/// </summary>
internal static class ModelLoadMemory
{
    public static void Release() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
