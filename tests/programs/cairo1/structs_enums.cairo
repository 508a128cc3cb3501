// Structs, enums, Option, match, traits.
#[derive(Copy, Drop)]
struct Point {
    x: felt252,
    y: u32,
}

#[derive(Copy, Drop)]
enum Shape {
    Dot: Point,
    Line: (Point, Point),
    Empty,
}

trait Weight<T> {
    fn weight(self: @T) -> u32;
}

impl ShapeWeight of Weight<Shape> {
    fn weight(self: @Shape) -> u32 {
        match *self {
            Shape::Dot(p) => p.y,
            Shape::Line((a, b)) => a.y + b.y,
            Shape::Empty => 0,
        }
    }
}

fn first_big(shapes: Span<Shape>) -> Option<u32> {
    for s in shapes {
        let w = s.weight();
        if w > 5 {
            return Option::Some(w);
        }
    }
    Option::None
}

fn main() -> (u32, Option<u32>, Point) {
    let p = Point { x: 3, y: 4 };
    let q = Point { x: 5, y: 6 };
    let shapes = array![Shape::Dot(p), Shape::Empty, Shape::Line((p, q))];
    let total = shapes.span().at(0).weight() + shapes.span().at(2).weight();
    (total, first_big(shapes.span()), Point { x: p.x + q.x, y: q.y })
}
