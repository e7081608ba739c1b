using Arbitrex.MlLayer.Benchmarks.BareKestrel;
using Arbitrex.MlLayer.Core.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

// Without options: the HTTP ceiling, a constant answer. With --Audit:Directory, --Audit:Request and
// --Audit:Response (a /predict body and the worker's answer to it): the same constant answer, after appending
// that decision's audit record with the worker's writer, so the audit's own cost shows on top of the ceiling.
var audit = AuditedDecision.FromConfiguration(app.Configuration);
await using var writer = audit is null
    ? null
    : new AuditLogWriter(Options.Create(new AuditOptions { Directory = audit.Directory }), TimeProvider.System, NullLogger<AuditLogWriter>.Instance);
var answer = """{"prediction":{"allow_trade":false}}"""u8.ToArray();
app.MapPost("/predict", async (HttpContext context) =>
{
    // Read the request body like a real endpoint must.
    while (true)
    {
        var read = await context.Request.BodyReader.ReadAsync().ConfigureAwait(false);
        context.Request.BodyReader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    if (writer is not null && audit is not null)
    {
        await writer.AppendAsync(audit.Decision, audit.Features, audit.Qse, DecisionSource.Http, context.RequestAborted).ConfigureAwait(false);
    }

    context.Response.ContentType = "application/json";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer).ConfigureAwait(false);
});
await app.RunAsync().ConfigureAwait(false);
