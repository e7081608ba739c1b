namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>An outcome that can never be recorded; the message is the error queue's reason and names the field.</summary>
public sealed class OutcomeRefusedException : Exception
{
    /// <summary>The body is not JSON, or not an object.</summary>
    public const string Malformed = "malformed";

    /// <summary>A field is missing, of the wrong type, or out of range.</summary>
    public const string Invalid = "invalid";

    /// <summary>The routing key disagrees with the body's symbol and timeframe.</summary>
    public const string RoutingKey = "routing_key";

    /// <summary>No recent bus decision has the outcome's <c>decision_id</c>.</summary>
    public const string UnknownDecision = "unknown_decision";

    /// <summary>The decision with that id was made for another bar.</summary>
    public const string BarKeyMismatch = "bar_key_mismatch";

    public OutcomeRefusedException()
        : this(Invalid, "refused outcome")
    {
    }

    public OutcomeRefusedException(string message)
        : this(Invalid, message)
    {
    }

    public OutcomeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Category = Invalid;
    }

    public OutcomeRefusedException(string category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
    }

    /// <summary>One of the constants above: the <c>reason</c> label of <c>ml_layer_outcomes_refused_total</c>.</summary>
    public string Category { get; }
}
