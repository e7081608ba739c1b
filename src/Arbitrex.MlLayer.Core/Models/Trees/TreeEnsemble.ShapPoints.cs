using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The vectors of quadrature points TreeSHAP's passes run on (see the remarks on the Shap part of this class).</summary>
internal sealed partial class TreeEnsemble
{
    /// <summary>
    /// One vector of quadrature points, a lane each, so one generic pass serves every width: four points
    /// (<see cref="Points4"/>), or eight in one AVX-512 register (<see cref="Points8"/>) or two AVX registers
    /// (<see cref="Points8Pair"/>) where AVX-512 is missing.
    /// </summary>
    private interface IShapPoints<TSelf>
        where TSelf : unmanaged, IShapPoints<TSelf>
    {
        static abstract int Count { get; }

        static abstract TSelf One { get; }

        static abstract TSelf Create(double value);

        static abstract TSelf operator -(TSelf left, TSelf right);

        static abstract TSelf operator *(TSelf left, TSelf right);

        static abstract TSelf operator /(TSelf left, TSelf right);

        /// <summary>left · right + addend, fused.</summary>
        static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

        static abstract double Sum(TSelf value);
    }

    private readonly struct Points4(Vector256<double> value) : IShapPoints<Points4>
    {
        private readonly Vector256<double> _value = value;

        public static int Count => 4;

        public static Points4 One => new(Vector256<double>.One);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Points4 Create(double value) => new(Vector256.Create(value));

        public static Points4 operator -(Points4 left, Points4 right) => new(left._value - right._value);

        public static Points4 operator *(Points4 left, Points4 right) => new(left._value * right._value);

        public static Points4 operator /(Points4 left, Points4 right) => new(left._value / right._value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Points4 MultiplyAdd(Points4 left, Points4 right, Points4 addend) =>
            new(Vector256.FusedMultiplyAdd(left._value, right._value, addend._value));

        public static double Sum(Points4 value) => Vector256.Sum(value._value);
    }

    private readonly struct Points8(Vector512<double> value) : IShapPoints<Points8>
    {
        private readonly Vector512<double> _value = value;

        public static int Count => 8;

        public static Points8 One => new(Vector512<double>.One);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Points8 Create(double value) => new(Vector512.Create(value));

        public static Points8 operator -(Points8 left, Points8 right) => new(left._value - right._value);

        public static Points8 operator *(Points8 left, Points8 right) => new(left._value * right._value);

        public static Points8 operator /(Points8 left, Points8 right) => new(left._value / right._value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Points8 MultiplyAdd(Points8 left, Points8 right, Points8 addend) =>
            new(Vector512.FusedMultiplyAdd(left._value, right._value, addend._value));

        public static double Sum(Points8 value) => Vector512.Sum(value._value);
    }

    private readonly struct Points8Pair(Vector256<double> lower, Vector256<double> upper) : IShapPoints<Points8Pair>
    {
        private readonly Vector256<double> _lower = lower;
        private readonly Vector256<double> _upper = upper;

        public static int Count => 8;

        public static Points8Pair One => new(Vector256<double>.One, Vector256<double>.One);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Points8Pair Create(double value) => new(Vector256.Create(value), Vector256.Create(value));

        public static Points8Pair operator -(Points8Pair left, Points8Pair right) => new(left._lower - right._lower, left._upper - right._upper);

        public static Points8Pair operator *(Points8Pair left, Points8Pair right) => new(left._lower * right._lower, left._upper * right._upper);

        public static Points8Pair operator /(Points8Pair left, Points8Pair right) => new(left._lower / right._lower, left._upper / right._upper);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Points8Pair MultiplyAdd(Points8Pair left, Points8Pair right, Points8Pair addend) => new(
            Vector256.FusedMultiplyAdd(left._lower, right._lower, addend._lower),
            Vector256.FusedMultiplyAdd(left._upper, right._upper, addend._upper));

        public static double Sum(Points8Pair value) => Vector256.Sum(value._lower + value._upper);
    }
}
