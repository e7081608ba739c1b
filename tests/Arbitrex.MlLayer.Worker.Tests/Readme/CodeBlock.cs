namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>A fenced code block of a Markdown file: its language (empty when none), the <c>readme-test</c> marker above it, its text.</summary>
internal sealed record CodeBlock(string Language, string? Marker, string Body);
