namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// The ad-hoc prediction services: <see cref="AdHocPredictionCounter"/> and the <c>Admin:PredictRateLimit</c>
/// policy (<see cref="PredictionRateLimitPolicy"/>, ASP.NET Core rate limiting).
/// </summary>
public static class PredictionRateLimiting
{
    public const string PolicyName = "adhoc-predictions";

    public static IServiceCollection AddAdHocPredictions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => AdHocPredictionMetrics.Export(new AdHocPredictionCounter(), sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.AddRateLimiter(limiter => limiter.AddPolicy<System.Net.IPAddress, PredictionRateLimitPolicy>(PolicyName));
        return services;
    }
}
