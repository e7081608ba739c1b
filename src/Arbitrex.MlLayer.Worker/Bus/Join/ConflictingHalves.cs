using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Inbound;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// A second copy of a half is normally a redelivery and carries the same content. One that does not is refused with
/// both contents: which one the upstream meant cannot be guessed, and keeping either silently hides the conflict.
/// </summary>
internal static class ConflictingHalves
{
    /// <exception cref="PoisonMessageException"><paramref name="received"/> differs from <paramref name="held"/>.</exception>
    public static void Check<T>(BarKey key, HalfKind kind, T? held, T received)
        where T : class
    {
        if (held is null || ReferenceEquals(held, received))
        {
            return;
        }

        var json = ContractJson.Options.TypeInfo<T>();
        var heldJson = JsonSerializer.SerializeToUtf8Bytes(held, json);
        var receivedJson = JsonSerializer.SerializeToUtf8Bytes(received, json);
        if (heldJson.AsSpan().SequenceEqual(receivedJson))
        {
            return;
        }

        throw new PoisonMessageException(
            $"conflicting duplicate {HalfKindNames.Of(kind)} for bar {key}: held {Encoding.UTF8.GetString(heldJson)}, received {Encoding.UTF8.GetString(receivedJson)}",
            key,
            kind);
    }
}
