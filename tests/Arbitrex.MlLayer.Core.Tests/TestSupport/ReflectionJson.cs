using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Arbitrex.MlLayer.Core.Tests.TestSupport;

/// <summary>
/// Reflection-based JSON for test data the tests make themselves (anonymous inputs for the Python references, a
/// hand-written index): the test host runs, like the service, with the default reflection resolver switched off.
/// </summary>
internal static class ReflectionJson
{
    public static JsonSerializerOptions Options { get; } = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
}
