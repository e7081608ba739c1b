using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Guards mutating endpoints: with <c>Admin:ApiKey</c> set, the <c>X-Api-Key</c> header must match
/// (compared in constant time); without one, only loopback callers are served. An admitted caller is
/// attached to the request (<see cref="AdminCaller.Of"/>) for the change log; a refusal is logged with
/// the remote address.
/// </summary>
internal sealed partial class AdminAccessFilter(IOptions<AdminOptions> options, ILogger<AdminAccessFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.ApiKey);
    private readonly string _keyId = options.Value.ApiKey.Length > 0 ? AdminCaller.KeyId(options.Value.ApiKey) : "loopback";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var remote = AdminCaller.RemoteAddressOf(http);
        if (_key.Length > 0)
        {
            var presented = Encoding.UTF8.GetBytes(http.Request.Headers[HeaderName].ToString());
            if (!CryptographicOperations.FixedTimeEquals(presented, _key))
            {
                Log.Refused(logger, StatusCodes.Status401Unauthorized, http.Request.Method, http.Request.Path.Value ?? string.Empty, remote,
                    presented.Length == 0 ? "no X-Api-Key header" : "wrong X-Api-Key");
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                    detail: $"This endpoint changes the service; send the configured key in the {HeaderName} header.");
            }
        }
        else if (http.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
        {
            Log.Refused(logger, StatusCodes.Status403Forbidden, http.Request.Method, http.Request.Path.Value ?? string.Empty, remote, "not a loopback caller and no Admin:ApiKey is configured");
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Loopback only",
                detail: "No Admin:ApiKey is configured, so mutating endpoints accept only loopback callers.");
        }

        new AdminCaller(_keyId, remote).AttachTo(http);
        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Admin call refused with {StatusCode}: {Method} {Path} from {RemoteAddress} ({Reason})")]
        public static partial void Refused(ILogger logger, int statusCode, string method, string path, string remoteAddress, string reason);
    }
}
