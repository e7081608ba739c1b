using System.Buffers;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var answer = """{"prediction":{"allow_trade":false}}"""u8.ToArray();
app.MapPost("/predict", async (HttpContext context) =>
{
    // Read the request body like a real endpoint must, then answer with a constant.
    while (true)
    {
        var read = await context.Request.BodyReader.ReadAsync().ConfigureAwait(false);
        context.Request.BodyReader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    context.Response.ContentType = "application/json";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer).ConfigureAwait(false);
});
await app.RunAsync().ConfigureAwait(false);
