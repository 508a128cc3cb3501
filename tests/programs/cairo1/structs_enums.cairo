// Structs and enums: derived traits, methods through a generated trait, enums with data
// matched exhaustively, Option and Result, a struct returned from main.
#[derive(Copy, Drop, PartialEq)]
struct Point {
    x: i64,
    y: i64,
}

#[derive(Copy, Drop)]
enum Shape {
    Circle: (Point, u64),
    Rect: (Point, Point),
    Dot: Point,
    Nothing,
}

#[derive(Drop)]
struct Summary {
    total_area: u64,
    dots: u32,
    nothings: u32,
    farthest: Point,
}

#[generate_trait]
impl PointImpl of PointTrait {
    fn manhattan(self: @Point) -> u64 {
        let ax = if *self.x < 0 { -*self.x } else { *self.x };
        let ay = if *self.y < 0 { -*self.y } else { *self.y };
        (ax + ay).try_into().unwrap()
    }
}

fn area(shape: Shape) -> Result<u64, felt252> {
    match shape {
        Shape::Circle((_, r)) => Result::Ok(3 * r * r),
        Shape::Rect((a, b)) => {
            let w = b.x - a.x;
            let h = b.y - a.y;
            if w < 0 || h < 0 {
                return Result::Err('negative rect');
            }
            Result::Ok((w * h).try_into().unwrap())
        },
        Shape::Dot(_) => Result::Ok(0),
        Shape::Nothing => Result::Err('nothing'),
    }
}

fn anchor(shape: @Shape) -> Option<Point> {
    match shape {
        Shape::Circle((p, _)) => Option::Some(*p),
        Shape::Rect((p, _)) => Option::Some(*p),
        Shape::Dot(p) => Option::Some(*p),
        Shape::Nothing => Option::None,
    }
}

fn main(k: felt252) -> Summary {
    let k: i64 = k.try_into().unwrap();
    let shapes = array![
        Shape::Circle((Point { x: k, y: -2 }, 5)),
        Shape::Rect((Point { x: 1, y: 1 }, Point { x: 4, y: 3 + k })),
        Shape::Dot(Point { x: -k, y: -k }),
        Shape::Nothing,
        Shape::Rect((Point { x: 5, y: 5 }, Point { x: 0, y: 0 })),
        Shape::Dot(Point { x: 2, y: 2 }),
    ];
    let mut summary = Summary { total_area: 0, dots: 0, nothings: 0, farthest: Point { x: 0, y: 0 } };
    let mut i = 0;
    while i < shapes.len() {
        let shape = *shapes[i];
        if let Option::Some(p) = anchor(@shape) {
            if p.manhattan() > summary.farthest.manhattan() {
                summary.farthest = p;
            }
        }
        match area(shape) {
            Result::Ok(a) => summary.total_area += a,
            Result::Err(e) => if e == 'nothing' {
                summary.nothings += 1;
            },
        }
        if let Shape::Dot(_) = shape {
            summary.dots += 1;
        }
        i += 1;
    }
    assert(summary.farthest != Point { x: 0, y: 0 }, 'no anchor');
    summary
}
