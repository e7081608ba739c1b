using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Arbitrex.MlLayer.Core.Json;

/// <summary>Typed look-ups of the metadata an options object's (generated) resolvers hold.</summary>
public static class JsonSerializerOptionsExtensions
{
    /// <summary>
    /// The metadata of <typeparamref name="T"/> under <paramref name="options"/>, for the serializer overloads that take it
    /// (the ones taking options and a type parameter fall back on reflection, which the service runs without).
    /// Locks <paramref name="options"/> if they were not yet, so the metadata and the options stay in step.
    /// </summary>
    /// <exception cref="NotSupportedException">No resolver of <paramref name="options"/> knows <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MakeReadOnly();
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
