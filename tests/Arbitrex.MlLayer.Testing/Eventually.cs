namespace Arbitrex.MlLayer.Testing;

/// <summary>Awaits a condition instead of sleeping a fixed time, so a loaded machine makes a test slower, not flaky.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; whether it holds.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }

        return true;
    }
}
