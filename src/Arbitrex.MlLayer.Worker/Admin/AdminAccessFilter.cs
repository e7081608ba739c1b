using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Guards mutating endpoints: with <c>Admin:ApiKey</c> set, the <c>X-Api-Key</c> header must match
/// (compared in constant time); without one, only loopback callers are served.
/// </summary>
internal sealed class AdminAccessFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (_key.Length > 0)
        {
            var presented = Encoding.UTF8.GetBytes(http.Request.Headers[HeaderName].ToString());
            if (!CryptographicOperations.FixedTimeEquals(presented, _key))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                    detail: $"This endpoint changes the service; send the configured key in the {HeaderName} header.");
            }
        }
        else if (http.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Loopback only",
                detail: "No Admin:ApiKey is configured, so mutating endpoints accept only loopback callers.");
        }

        return await next(context);
    }
}
