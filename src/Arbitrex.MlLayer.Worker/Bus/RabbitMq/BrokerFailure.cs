using System.Net.Sockets;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>What a RabbitMQ client exception says, in one line, without the wrapping the client adds.</summary>
internal static class BrokerFailure
{
    /// <summary>The broker's refusal (reply code and text) anywhere in <paramref name="exception"/>, or null.</summary>
    public static ShutdownEventArgs? Refusal(Exception exception) =>
        Flatten(exception).OfType<OperationInterruptedException>().Select(e => e.ShutdownReason).FirstOrDefault(r => r is { ReplyCode: > 200 });

    public static bool IsAuthenticationFailure(Exception exception) =>
        Flatten(exception).Any(e => e is AuthenticationFailureException or PossibleAuthenticationFailureException);

    /// <summary>The most specific message: the broker's reply text, the socket error, else the innermost message.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var all = Flatten(exception).ToList();
        if (Refusal(exception) is { } refusal)
        {
            return refusal.ReplyText;
        }

        if (all.OfType<AuthenticationFailureException>().FirstOrDefault() is { } authentication)
        {
            return authentication.Message;
        }

        if (all.OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            return socket.Message;
        }

        return all.Count > 0 && all[^1].Message is { Length: > 0 } innermost
            ? innermost.ReplaceLineEndings(" ")
            : exception.GetType().Name;
    }

    /// <summary>The exception and every inner one, aggregates included, outermost first.</summary>
    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
