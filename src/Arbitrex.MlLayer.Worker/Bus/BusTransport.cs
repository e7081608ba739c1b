namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>Which broker carries the bars: a real RabbitMQ or an in-process broker.</summary>
public enum BusTransport
{
    RabbitMq,
    InMemory,
}
