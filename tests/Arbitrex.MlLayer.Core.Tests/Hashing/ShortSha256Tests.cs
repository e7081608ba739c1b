using System.Security.Cryptography;
using System.Text;
using Arbitrex.MlLayer.Core.Hashing;

namespace Arbitrex.MlLayer.Core.Tests.Hashing;

[Trait("Category", "Unit")]
public sealed class ShortSha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Matches_the_FIPS_180_test_vectors(string message, string expected)
    {
        Span<byte> digest = stackalloc byte[32];
        ShortSha256.HashData(Encoding.ASCII.GetBytes(message), digest);

        Assert.Equal(expected, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Matches_the_platform_SHA256_for_every_length_up_to_the_limit()
    {
        // Every length covers each padding case: 55/56/63/64 bytes sit on the one- and two-block edges.
        var random = new Random(20261123);
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        for (var length = 0; length <= ShortSha256.MaxMessageBytes; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            SHA256.HashData(message, expected);
            ShortSha256.HashData(message, actual);

            Assert.True(expected.SequenceEqual(actual), $"digest differs for a message of {length} bytes");
        }
    }

    [Fact]
    public void Refuses_messages_longer_than_the_limit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortSha256.HashData(new byte[ShortSha256.MaxMessageBytes + 1], new byte[32]));
}
