// Structs: members, nested structs, pointers to structs, structs passed and returned by value,
// struct arrays addressed through a pointer, and `new`.
from starkware.cairo.common.registers import get_fp_and_pc

struct Point {
    x: felt,
    y: felt,
}

struct Rect {
    top_left: Point,
    bottom_right: Point,
}

func add_points(a: Point, b: Point) -> Point {
    return (Point(x=a.x + b.x, y=a.y + b.y));
}

func area(r: Rect*) -> felt {
    let w = r.bottom_right.x - r.top_left.x;
    let h = r.bottom_right.y - r.top_left.y;
    return w * h;
}

func sum_xs(points: Point*, n) -> felt {
    if (n == 0) {
        return 0;
    }
    let rest = sum_xs(points + Point.SIZE, n - 1);
    return points.x + rest;
}

func main() {
    alloc_locals;
    local r: Rect = Rect(top_left=Point(x=1, y=2), bottom_right=Point(x=11, y=7));
    let (__fp__, _) = get_fp_and_pc();
    let a = area(&r);
    assert a = 50;
    let p = add_points(r.top_left, r.bottom_right);
    assert p.x = 12;
    assert p.y = 9;
    // The four points of r and p, seen as an array of points.
    local q: Point = p;
    let pts = cast(&r, Point*);
    assert pts[1].y = 7;
    let s = sum_xs(pts, 2);
    assert s = 12;
    // `new` allocates a struct on the execution segment and returns a pointer to it.
    tempvar np: Point* = new Point(x=5, y=6);
    assert np.x + np.y = 11;
    tempvar nr: Rect* = new Rect(top_left=Point(x=0, y=0), bottom_right=[np]);
    let a2 = area(nr);
    assert a2 = 30;
    assert Rect.SIZE = 4;
    return ();
}
