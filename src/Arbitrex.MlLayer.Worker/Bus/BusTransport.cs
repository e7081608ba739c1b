namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>Which broker carries the bars: a real RabbitMQ or MassTransit's in-process bus.</summary>
public enum BusTransport
{
    RabbitMq,
    InMemory,
}
