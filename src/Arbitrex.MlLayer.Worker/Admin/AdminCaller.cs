using System.Security.Cryptography;
using System.Text;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Who made an admin call: the API key's id (never the key) or <c>loopback</c>, and from where.</summary>
public sealed record AdminCaller(string Id, string RemoteAddress)
{
    private const string ItemKey = "Arbitrex.AdminCaller";

    /// <summary>The caller <see cref="AdminAccessFilter"/> admitted for this request.</summary>
    /// <exception cref="InvalidOperationException">The endpoint is not guarded by the filter.</exception>
    public static AdminCaller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] as AdminCaller
            ?? throw new InvalidOperationException("The endpoint is not guarded by AdminAccessFilter, so its caller is unknown.");
    }

    /// <summary><c>key:</c> and the first 8 hex digits of the SHA-256 of <paramref name="apiKey"/>: names the key without revealing it.</summary>
    public static string KeyId(string apiKey) =>
        "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..8];

    internal static string RemoteAddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
