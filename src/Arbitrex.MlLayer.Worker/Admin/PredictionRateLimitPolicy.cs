using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// The <c>Admin:PredictRateLimit</c> policy: a token bucket per caller address, refilled every second, no queue; none
/// at 0. Partitioned by the address itself and with the options read once, so an admitted request allocates nothing
/// here (a string key and a service lookup per request showed in the <c>POST /predict</c> profile).
/// </summary>
internal sealed class PredictionRateLimitPolicy(IOptions<AdminOptions> options, AdHocPredictionCounter counter) : IRateLimiterPolicy<IPAddress>
{
    private readonly int _permits = options.Value.PredictRateLimit;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<IPAddress> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var caller = httpContext.Connection.RemoteIpAddress ?? IPAddress.None;
        return _permits == 0
            ? RateLimitPartition.GetNoLimiter(caller)
            : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = _permits,
                TokensPerPeriod = _permits,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var endpoint = http.Request.Path.StartsWithSegments("/batch_predict") ? AdHocEndpoint.BatchPredict : AdHocEndpoint.Predict;
        counter.Record(endpoint, AdHocOutcome.RateLimited);
        http.Response.Headers.RetryAfter = "1";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many ad-hoc predictions",
            detail: string.Create(CultureInfo.InvariantCulture, $"At most {_permits} prediction requests per second per caller (Admin:PredictRateLimit); retry after a second."))
            .ExecuteAsync(http).ConfigureAwait(false);
    }
}
