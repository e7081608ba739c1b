using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// The ad-hoc prediction services: <see cref="AdHocPredictionCounter"/> and the <c>Admin:PredictRateLimit</c>
/// policy (ASP.NET Core rate limiting: a token bucket per caller address, refilled every second, no queue).
/// </summary>
public static class PredictionRateLimiting
{
    public const string PolicyName = "adhoc-predictions";

    public static IServiceCollection AddAdHocPredictions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => AdHocPredictionMetrics.Export(new AdHocPredictionCounter(), sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.PredictRateLimit;
                var caller = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
                return permits == 0
                    ? RateLimitPartition.GetNoLimiter(caller)
                    : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = permits,
                        TokensPerPeriod = permits,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var endpoint = http.Request.Path.StartsWithSegments("/batch_predict") ? AdHocEndpoint.BatchPredict : AdHocEndpoint.Predict;
        http.RequestServices.GetRequiredService<AdHocPredictionCounter>().Record(endpoint, AdHocOutcome.RateLimited);
        var permits = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.PredictRateLimit;
        http.Response.Headers.RetryAfter = "1";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many ad-hoc predictions",
            detail: string.Create(CultureInfo.InvariantCulture, $"At most {permits} prediction requests per second per caller (Admin:PredictRateLimit); retry after a second."))
            .ExecuteAsync(http).ConfigureAwait(false);
    }
}
