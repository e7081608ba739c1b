namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>What headless Chromium made of a page: the DOM after its scripts ran, and a PNG screenshot.</summary>
public sealed record ChromiumCapture(string Dom, string ScreenshotPath);
