using System.Net;
using System.Net.Sockets;

namespace ChatBot.StandIns;

/// <summary>Loopback ports for servers the tests and the bench start as processes (redis-server, the bot). One source
/// file for both: the bench compiles it in by link.</summary>
public static class LoopbackPorts
{
    /// <summary>A port free right now, as the OS hands one out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something listens on <paramref name="port"/>.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
