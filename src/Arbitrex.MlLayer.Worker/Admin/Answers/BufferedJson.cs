using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Arbitrex.MlLayer.Worker.Admin.Answers;

/// <summary>Creates <see cref="BufferedJsonOk{TValue}"/> answers, the way <c>TypedResults</c> creates its own.</summary>
public static class BufferedJson
{
    /// <summary>A 200 answer of <paramref name="value"/>, serialized with <paramref name="options"/> (the HTTP JSON options).</summary>
    public static BufferedJsonOk<TValue> Ok<TValue>(TValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BufferedJsonOk<TValue>(value, (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue)));
    }
}
